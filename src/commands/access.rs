//! Who may do what: one function per action, asked by slash commands and buttons alike.
//!
//! | action                                   | personal ledger | household ledger                |
//! |------------------------------------------|-----------------|---------------------------------|
//! | read or change entries, budgets, rules, schedules ([`Engine::ledger_for`], [`Engine::may_change`]) | its owner | a member today |
//! | record a settlement ([`Engine::may_settle`])  | —          | a member who is one of the two  |
//! | remove members, show or change the invite code ([`Engine::may_manage`]) | — | its owner |
//! | bind or unbind a channel ([`Engine::may_bind`]) | —          | its owner, or a member Discord lets manage the channel |
//! | move a channel bound to another household ([`Engine::may_take_channel`]) | — | that household's owner, or a channel manager |
//!
//! Buttons carry ledger ids and outlive memberships, so a press is checked against who the
//! presser is *now*: a former member's old Undo button changes nothing. A request never names
//! a ledger itself: it acts on its channel's household when the caller is a member there, and
//! on the caller's own ledger otherwise, so typing in someone else's channel cannot reach their
//! entries.

use crate::model::{ChannelId, Ledger, LedgerId, LedgerOwner, UserId};
use crate::store::{Household, StoreError};

use super::{CommandError, Engine, Place, Request};

impl Engine {
    /// The ledger a request acts on: a household's in its bound channel, else the caller's own.
    pub(crate) async fn ledger_for(&self, req: &Request) -> Result<Ledger, StoreError> {
        match self.bound_household(req).await? {
            Some(ledger) => Ok(ledger),
            None => self.personal_ledger(req).await,
        }
    }

    /// The caller's own ledger, made on first use.
    pub(crate) async fn personal_ledger(&self, req: &Request) -> Result<Ledger, StoreError> {
        self.store
            .personal_ledger(req.actor.id, &req.actor.name, self.defaults, req.now)
            .await
    }

    /// The household ledger of the channel the request was made in, if the caller is a member.
    async fn bound_household(&self, req: &Request) -> Result<Option<Ledger>, StoreError> {
        let Place::Channel { channel, .. } = req.place else {
            return Ok(None);
        };
        match self.store.ledger_for_channel(channel).await? {
            Some(ledger) if self.is_member(req, &ledger).await? => Ok(Some(ledger)),
            _ => Ok(None),
        }
    }

    /// Whether the request was made in `ledger`'s own bound channel, where its members talk.
    pub(crate) async fn in_bound_channel(
        &self,
        req: &Request,
        ledger: &Ledger,
    ) -> Result<bool, StoreError> {
        Ok(self
            .bound_household(req)
            .await?
            .is_some_and(|bound| bound.id == ledger.id))
    }

    /// The caller's household ledger: the bound channel's when they are a member there, else the
    /// household they joined most recently.
    pub(crate) async fn household_ledger(
        &self,
        req: &Request,
    ) -> Result<Option<Ledger>, StoreError> {
        if let Some(ledger) = self.bound_household(req).await? {
            return Ok(Some(ledger));
        }
        let households = self.store.households_of(req.actor.id).await?;
        Ok(households.into_iter().next().map(Ledger::from))
    }

    /// Whether the caller may see and change `ledger`: its owner, or a member of its household.
    pub(crate) async fn is_member(
        &self,
        req: &Request,
        ledger: &Ledger,
    ) -> Result<bool, StoreError> {
        match ledger.owner {
            LedgerOwner::Personal(owner) => Ok(owner == req.actor.id),
            LedgerOwner::Household(household) => {
                self.store.is_member(household, req.actor.id).await
            }
        }
    }

    /// Ledger `id` when the caller may change it now: their own, or a household they are a
    /// member of today. Every press that names a ledger asks this first.
    pub(crate) async fn changeable(
        &self,
        req: &Request,
        id: LedgerId,
    ) -> Result<Option<Ledger>, StoreError> {
        Ok(match self.store.ledger(id).await? {
            Some(ledger) if self.is_member(req, &ledger).await? => Some(ledger),
            _ => None,
        })
    }

    /// [`Engine::changeable`], refused in the words buttons use.
    pub(crate) async fn may_change(
        &self,
        req: &Request,
        id: LedgerId,
    ) -> Result<Ledger, CommandError> {
        self.changeable(req, id).await?.ok_or_else(|| {
            CommandError::user("That button belongs to a ledger you are not part of.")
        })
    }

    /// Household ledger `id` when the caller may record a transfer `from` → `to` in it: a
    /// member today, and one of the two people concerned.
    pub(crate) async fn may_settle(
        &self,
        req: &Request,
        id: LedgerId,
        (from, to): (UserId, UserId),
    ) -> Result<Ledger, CommandError> {
        let only_members =
            || CommandError::user("Only members of that household can record its settlements.");
        let ledger = self.changeable(req, id).await?.ok_or_else(only_members)?;
        if !matches!(ledger.owner, LedgerOwner::Household(_)) {
            return Err(only_members());
        }
        if req.actor.id != from && req.actor.id != to {
            return Err(CommandError::user(
                "Only the two people in that transfer can record it.",
            ));
        }
        Ok(ledger)
    }

    /// Removing members and handing out the invite code decide who reads the household's
    /// books: its owner alone may.
    pub(crate) async fn may_manage(
        &self,
        req: &Request,
        h: &Household,
        what: &str,
    ) -> Result<(), CommandError> {
        if self.store.is_owner(h.id, req.actor.id).await? {
            Ok(())
        } else {
            Err(CommandError::user(format!(
                "Only the household's owner can {what}."
            )))
        }
    }

    /// Binding a channel decides where everyone's messages go: the household's owner, or a
    /// member Discord lets manage the channel, may bind or unbind it.
    pub(crate) async fn may_bind(
        &self,
        req: &Request,
        h: &Household,
        manages_channels: bool,
    ) -> Result<(), CommandError> {
        if !self.store.is_member(h.id, req.actor.id).await? {
            return Err(not_allowed_to_bind());
        }
        if manages_channels || self.store.is_owner(h.id, req.actor.id).await? {
            Ok(())
        } else {
            Err(not_allowed_to_bind())
        }
    }

    /// A channel bound to another household is that household's: only its owner, or someone
    /// Discord says may manage the channel, may move it. Anyone else would be taking over the
    /// place where its members record their spending.
    pub(crate) async fn may_take_channel(
        &self,
        req: &Request,
        channel: ChannelId,
        to: &Household,
        manages_channels: bool,
    ) -> Result<(), CommandError> {
        let Some(bound) = self.store.ledger_for_channel(channel).await? else {
            return Ok(());
        };
        let LedgerOwner::Household(other) = bound.owner else {
            return Ok(());
        };
        if other == to.id || manages_channels || self.store.is_owner(other, req.actor.id).await? {
            return Ok(());
        }
        Err(CommandError::user(
            "This channel is bound to another household. Only its owner, or someone who can manage this channel, can move it.",
        ))
    }
}

fn not_allowed_to_bind() -> CommandError {
    CommandError::user(
        "Only the household's owner, or a member who can manage this channel, can bind or unbind it.",
    )
}
