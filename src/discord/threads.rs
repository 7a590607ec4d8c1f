//! Which channel a message belongs to when it was posted in a thread.
//!
//! In Discord a thread is a channel of its own (type 10, 11 or 12) whose `parent_id` is the
//! text channel it was opened in, and a message in it carries the thread's id, not the
//! parent's. A household is bound to the text channel, so its threads are its too: the
//! [`Place`](crate::commands::Place) of a message in a thread names the parent. Replies still
//! go to the thread, where the message was.

use std::sync::Mutex;

use hashlink::LruCache;

use super::codes;
use serenity::all::{
    Cache, Channel, ChannelId as DiscordChannel, ChannelType, GuildId as DiscordGuild, Http,
};

/// How many channels asked of Discord are remembered; the oldest looked-up is forgotten first.
const REMEMBERED: usize = 1024;

/// Whether a channel type is a thread's.
pub(crate) fn is_thread(kind: ChannelType) -> bool {
    matches!(
        kind,
        ChannelType::PublicThread | ChannelType::PrivateThread | ChannelType::NewsThread
    )
}

/// Thread → parent, for the channels serenity's cache does not hold.
#[derive(Debug)]
pub(crate) struct Parents {
    /// What `GET /channels/{id}` said: the parent of a thread, the channel itself otherwise.
    remembered: Mutex<LruCache<DiscordChannel, DiscordChannel>>,
}

impl Default for Parents {
    fn default() -> Self {
        Parents {
            remembered: Mutex::new(LruCache::new(REMEMBERED)),
        }
    }
}

impl Parents {
    /// The channel a message in `channel` of `guild` belongs to: its parent when it is a
    /// thread, itself otherwise.
    ///
    /// Serenity's cache knows a guild's channels and active threads (GUILD_CREATE, then
    /// THREAD_CREATE and THREAD_UPDATE), so this is nearly always answered without a request. A
    /// channel of a cached guild that the cache does not know is asked of Discord once
    /// (`GET /channels/{id}`) and remembered. A guild missing from the cache is taken as it
    /// comes: Discord sends a guild's GUILD_CREATE before any event of it, so asking there would
    /// cost a request per message for nothing.
    pub(crate) async fn of(
        &self,
        cache: &Cache,
        http: &Http,
        guild: DiscordGuild,
        channel: DiscordChannel,
    ) -> DiscordChannel {
        match from_cache(cache, guild, channel) {
            Cached::Channel => return channel,
            Cached::Thread(parent) => return parent,
            Cached::NoGuild => return channel,
            Cached::Unknown => {}
        }
        if let Some(parent) = self.remembered().get(&channel) {
            return *parent;
        }
        match http.get_channel(channel).await {
            Ok(found) => {
                let parent = match found {
                    Channel::Guild(c) if is_thread(c.kind) => c.parent_id.unwrap_or(channel),
                    _ => channel,
                };
                self.remembered().insert(channel, parent);
                parent
            }
            Err(error) => {
                // Discord's definite "no" is remembered (the channel is taken as it is, and not
                // asked about again); anything else is asked again with the next message.
                if matches!(
                    codes::code(&error),
                    Some(codes::UNKNOWN_CHANNEL | codes::MISSING_ACCESS)
                ) {
                    self.remembered().insert(channel, channel);
                }
                tracing::warn!(%error, %channel, "could not look a channel up; taking it as it is");
                channel
            }
        }
    }

    fn remembered(&self) -> std::sync::MutexGuard<'_, LruCache<DiscordChannel, DiscordChannel>> {
        self.remembered.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// What serenity's cache says of a channel.
enum Cached {
    /// A channel of the guild (not a thread).
    Channel,
    /// An active thread of the guild, with its parent.
    Thread(DiscordChannel),
    /// The guild is cached but this channel is not in it.
    Unknown,
    /// The guild is not cached.
    NoGuild,
}

fn from_cache(cache: &Cache, guild: DiscordGuild, channel: DiscordChannel) -> Cached {
    let Some(guild) = cache.guild(guild) else {
        return Cached::NoGuild;
    };
    if let Some(known) = guild.channels.get(&channel) {
        // A thread is kept with the threads, but a parent is a parent wherever it is kept.
        return match known.parent_id {
            Some(parent) if is_thread(known.kind) => Cached::Thread(parent),
            _ => Cached::Channel,
        };
    }
    match guild.threads.iter().find(|t| t.id == channel) {
        Some(thread) => Cached::Thread(thread.parent_id.unwrap_or(channel)),
        None => Cached::Unknown,
    }
}
