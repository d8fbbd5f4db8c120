export async function getText(url: string): Promise<string> {
  const res = await fetch(url);
  return res.text();
}
