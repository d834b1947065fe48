// "Copy citation" on a briefing page: shows the button (hidden without JavaScript, where the
// citation stays plain selectable text) and copies the text of the element named by data-copy.
for (const button of document.querySelectorAll("button[data-copy]")) {
  const source = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".copy-status");
  if (!source) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = source.textContent.replace(/\s+/g, " ").trim();
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      // No clipboard access (an insecure origin, or permission refused): select the text instead.
      const range = document.createRange();
      range.selectNodeContents(source);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    }
    if (status) status.textContent = copied ? "Citation copied." : "Citation selected: press Ctrl+C or ⌘C to copy it.";
  });
}
