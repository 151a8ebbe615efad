import type { Day } from '../src/forecast';

export function Panel({ days }: { days: Day[] }) {
  return (
    <section className="panel">
      <h2>Forecast</h2>
      <ul>
        {days.map((d) => (
          <li key={d.date}>{d.date}</li>
        ))}
      </ul>
    </section>
  );
}
