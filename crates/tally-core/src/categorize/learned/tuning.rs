//! The blend's settings, and how the evaluation surface overrides them.

use std::sync::OnceLock;

use super::{BLEND_PULL, BLEND_RATE, EVIDENCE, FLOOR, LINEAR_RATE, START};

/// The blend's settings. They are constants; for the cross-set evaluation in
/// `scripts/categorize_eval.py --cross` (which picks a setting on one labelled set and reports it
/// on another), `tally categorize` reads `TALLY_CATEGORIZE_TUNE` (`rate=0.2,w7=1,…`: `rate`,
/// `pull`, `lr`, `floor`, `w0`…`w8` for [`START`]) and passes it to [`tune`]. A malformed entry
/// is ignored.
pub(super) struct Settings {
    pub(super) start: [f64; EVIDENCE],
    pub(super) blend_rate: f64,
    pub(super) blend_pull: f64,
    pub(super) linear_rate: f32,
    pub(super) floor: f64,
}

/// The settings in force: the constants, unless [`tune`] ran first.
static SETTINGS: OnceLock<Settings> = OnceLock::new();

pub(super) fn settings() -> &'static Settings {
    SETTINGS.get_or_init(|| parse(""))
}

/// Sets the blend's settings from `spec` (see [`Settings`]) for this process. Only the
/// evaluation surface (`tally categorize`) calls it, before the first entry is filed; the bot
/// never does, so its filing is the constants'. Has no effect once settings are in use.
pub fn tune(spec: &str) {
    let _ = SETTINGS.set(parse(spec));
}

fn parse(spec: &str) -> Settings {
    let mut t = Settings {
        start: START,
        blend_rate: BLEND_RATE,
        blend_pull: BLEND_PULL,
        linear_rate: LINEAR_RATE,
        floor: FLOOR,
    };
    for entry in spec.split(',') {
        let Some((key, value)) = entry.split_once('=') else {
            continue;
        };
        let Ok(value) = value.trim().parse::<f64>() else {
            continue;
        };
        if !value.is_finite() {
            continue;
        }
        match key.trim() {
            "rate" => t.blend_rate = value,
            "pull" => t.blend_pull = value,
            "lr" => t.linear_rate = value as f32,
            "floor" => t.floor = value.clamp(0.0, 1.0),
            key => {
                if let Some(slot) = key
                    .strip_prefix('w')
                    .and_then(|i| i.parse::<usize>().ok())
                    .and_then(|i| t.start.get_mut(i))
                {
                    *slot = value;
                }
            }
        }
    }
    t
}
