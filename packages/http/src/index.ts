export {
  createHttpClient,
  DEFAULT_MAX_BYTES,
  DEFAULT_USER_AGENT,
  type GetOptions,
  type HttpClient,
  type HttpClientOptions,
  type HttpResult,
} from "./http-client.js";
export { classifyAddress, isIpLiteral, type AddressVerdict } from "./address-policy.js";
export { parseAllowHosts, isAllowedHost } from "./allow-hosts.js";
export { HttpError, HttpErrorCode, type HttpErrorCodeValue } from "./errors.js";
export { checkUrl, nextRedirect } from "./url-policy.js";
export { decodeBody, detectCharset } from "./charset.js";
export { parseContentType, parseRetryAfter, isAcceptedContentType, type AcceptKind } from "./response-headers.js";
