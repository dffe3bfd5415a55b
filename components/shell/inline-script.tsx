/**
 * A constant script that must run before the page's code, in the HTML as sent. `nonce`: the
 * page's Content-Security-Policy nonce, without which it would not run.
 */
export function InlineScript({ nonce, code }: { nonce: string | undefined; code: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: constant code of ours, no user input.
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: code }} />;
}
