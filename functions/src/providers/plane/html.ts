const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Plain text as the HTML Plane stores (comment_html, description_html): escaped, so text that
 * looks like markup stays text, and one paragraph per line.
 */
export function paragraphHtml(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `<p>${line.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch)}</p>`)
    .join("");
}
