// HTTP helpers shared by the example tools.

/** Downloads a page as text. Callers decide which URLs are allowed. */
export async function download(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} failed with ${response.status}`);
  return response.text();
}

const ALLOWED_HOSTS = new Set(['docs.example.com', 'status.example.com']);

/** Throws unless the URL is https and its host is on the allowlist. */
export function assertAllowedUrl(raw: string): URL {
  const url = new URL(raw);
  if (url.protocol !== 'https:' || !ALLOWED_HOSTS.has(url.hostname)) {
    throw new Error(`Host not allowed: ${url.hostname}`);
  }
  return url;
}
