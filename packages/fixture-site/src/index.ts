export {
  startFixtureSite,
  DEFAULT_ARTICLES_DIR,
  type FixtureSite,
  type FixtureSiteOptions,
  type RecordedRequest,
} from "./fixture-server.js";
export { DEFAULT_SWITCHES, SWITCH_PARAMS, encodeSingleByte, decodeSingleByte, switchesFor, type FixtureSwitches } from "./switches.js";
export { toBlocks, excerptOf, slugify, type BodyBlock } from "./seed-text.js";
export { renderPostPage, type PostPage } from "./wordpress-page.js";
export { buildFeed, buildAtomFeed, buildRdfFeed } from "./feed-xml.js";
export { generatedPost, postFromHtml, type SitePost } from "./site-content.js";
