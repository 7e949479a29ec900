/**
 * The API's full version (semver), sent as `API-Version` on every answer and as `info.version` in
 * the OpenAPI document; its major is the `v1` of the paths (NL API Design Rules /core/version-header).
 */
export const API_VERSION = '1.0.0';
export const API_BASE_PATH = '/api/v1';
