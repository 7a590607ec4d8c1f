pub struct Example {
    pub input: &'static str,
    pub meaning: &'static str,
}

pub const EXAMPLES: &[Example] = &[Example {
    input: "coffee 4.50",
    meaning: "an expense of 4.50 today",
}];
