import crypto from 'node:crypto';

/**
 * Alibaba Cloud RPC request signing, signature version 1.0 (HMAC-SHA1), as published in 「签名机制」:
 *   CanonicalizedQueryString = the parameters except Signature, sorted by name, each `percentEncode(name)=percentEncode(value)`, joined by `&`
 *   StringToSign             = HTTPMethod + "&" + percentEncode("/") + "&" + percentEncode(CanonicalizedQueryString)
 *   Signature                = Base64(HMAC-SHA1(AccessKeySecret + "&", UTF-8(StringToSign)))
 */

/** RFC 3986 encoding: only A–Z a–z 0–9 - _ . ~ stay as they are; a space is %20, never '+'. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    // Names are ASCII; sort by code unit as the published algorithm does (not by locale).
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
}

export function stringToSign(method: 'GET' | 'POST', params: Record<string, string>): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

export function signRpc(method: 'GET' | 'POST', params: Record<string, string>, accessKeySecret: string): string {
  return crypto.createHmac('sha1', `${accessKeySecret}&`).update(stringToSign(method, params), 'utf8').digest('base64');
}

/** Timestamp in the form the API wants: UTC ISO 8601 without milliseconds, e.g. 2026-03-01T08:00:00Z. */
export function rpcTimestamp(at: Date = new Date()): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
