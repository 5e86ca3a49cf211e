export { parseFeed, type ParsedFeed } from "./parse-feed.js";
export { type FeedEntry } from "./feed-entry.js";
export { canonicalUrl, tryCanonicalUrl, isAbsoluteHttpUrl } from "./canonical-url.js";
export { checkFeedText, MAX_FEED_CHARS, type FeedKind } from "./feed-guards.js";
export { nextPollInterval, shouldPause, PAUSE_AFTER_FAILURES } from "./poll-policy.js";
