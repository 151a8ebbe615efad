/// One day's rain, in millimetres.
#[derive(Debug, Clone, Copy)]
pub struct Rain {
    pub mm: f64,
}

/// Total rain over the days.
pub fn total(days: &[Rain]) -> f64 {
    days.iter().map(|d| d.mm).sum()
}

/// Days with any rain.
pub fn wet_days(days: &[Rain]) -> usize {
    days.iter().filter(|d| d.mm > 0.0).count()
}
