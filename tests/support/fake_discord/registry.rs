//! The commands the bot registered, and what Discord lets a user send through them.
//!
//! Discord's client only sends what a command's registration allows: options it declares, of
//! their declared type, a declared choice when there are choices, a number within `min_value`
//! and `max_value`, every required option. A test that dispatches anything else tests a request
//! real Discord never delivers, so [`FakeDiscord::dispatch`] refuses it, naming the option.
//! Autocomplete requests carry what is being typed in the focused option, so only its name and
//! type are checked.

use super::*;

impl Shared {
    /// Remembers the commands of a `PUT …/commands`, by name (a later registration replaces
    /// an earlier one, as it does in Discord).
    pub(super) fn register(&self, commands: &Value) {
        let mut registered = self.registered.lock().unwrap();
        for command in commands.as_array().into_iter().flatten() {
            if let Some(name) = command["name"].as_str() {
                registered.insert(name.to_string(), command.clone());
            }
        }
        self.bump();
    }
}

impl FakeDiscord {
    /// The registration of `/name`, once the bot has registered its commands.
    pub fn registered(&self, name: &str) -> Option<Value> {
        self.shared.registered.lock().unwrap().get(name).cloned()
    }

    /// Panics when `interaction` (a command or an autocomplete) is not something Discord's
    /// client would send for the bot's registered command. Waits up to 10 s for the bot to
    /// register its commands; a command it never registered passes (a stale command is real:
    /// Discord may still offer one the bot no longer has).
    pub(super) async fn check_against_registration(&self, interaction: &Value) {
        let kind = interaction["type"].as_u64();
        if !matches!(kind, Some(2) | Some(4)) {
            return;
        }
        let registered = self
            .wait_for(Duration::from_secs(10), || {
                let registered = self.shared.registered.lock().unwrap();
                (!registered.is_empty()).then(|| registered.clone())
            })
            .await
            .unwrap_or_default();
        let name = interaction["data"]["name"].as_str().unwrap_or_default();
        let Some(command) = registered.get(name) else {
            return;
        };
        let autocomplete = kind == Some(4);
        let sent = interaction["data"]["options"].clone();
        if let Err(problem) = check_options(&command["options"], &sent, autocomplete, name) {
            panic!("Discord would never send this /{name}: {problem}\n{sent:#}");
        }
    }
}

/// Checks `sent` options against `declared` ones; the path names the offending option.
fn check_options(
    declared: &Value,
    sent: &Value,
    autocomplete: bool,
    path: &str,
) -> Result<(), String> {
    let declared = declared.as_array().cloned().unwrap_or_default();
    let sent = sent.as_array().cloned().unwrap_or_default();
    for option in &sent {
        let name = option["name"].as_str().unwrap_or_default();
        let here = format!("{path} {name}");
        let spec = declared
            .iter()
            .find(|d| d["name"] == option["name"])
            .ok_or_else(|| format!("{here}: no such option"))?;
        if spec["type"] != option["type"] {
            return Err(format!(
                "{here}: type {} where the command declares {}",
                option["type"], spec["type"]
            ));
        }
        match option["type"].as_u64() {
            // A subcommand or a group: its own options are checked against its declaration.
            Some(1) | Some(2) => {
                check_options(&spec["options"], &option["options"], autocomplete, &here)?;
                continue;
            }
            _ => {}
        }
        if autocomplete && option["focused"] == json!(true) {
            continue;
        }
        let value = &option["value"];
        // Options without choices are registered with an empty list.
        if let Some(choices) = spec["choices"].as_array()
            && !choices.is_empty()
            && !choices.iter().any(|c| &c["value"] == value)
        {
            return Err(format!("{here}: {value} is not one of its choices"));
        }
        if let Some(number) = value.as_f64() {
            if let Some(min) = spec["min_value"].as_f64()
                && number < min
            {
                return Err(format!("{here}: {number} is below its min_value {min}"));
            }
            if let Some(max) = spec["max_value"].as_f64()
                && number > max
            {
                return Err(format!("{here}: {number} is above its max_value {max}"));
            }
        }
    }
    let is_leaf = sent
        .iter()
        .all(|o| !matches!(o["type"].as_u64(), Some(1) | Some(2)));
    if is_leaf && !autocomplete {
        for spec in &declared {
            let required = spec["required"] == json!(true);
            if required && !sent.iter().any(|o| o["name"] == spec["name"]) {
                return Err(format!("{path} {}: required but missing", spec["name"]));
            }
        }
    }
    Ok(())
}
