package weather

import "math"

// Gust is one measured wind gust.
type Gust struct {
	Kmh     float64
	Bearing int
}

// Strongest returns the strongest gust, or zero when there is none.
func Strongest(gusts []Gust) Gust {
	var best Gust
	for _, g := range gusts {
		if g.Kmh > best.Kmh {
			best = g
		}
	}
	return best
}

// Beaufort gives the Beaufort number of a wind speed.
func Beaufort(kmh float64) int {
	return int(math.Round(math.Pow(kmh/3.01, 2.0/3.0)))
}
