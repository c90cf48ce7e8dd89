// "Copy" buttons next to a read-only share link (the wallet's verification links). Without
// JavaScript the buttons stay hidden and the link can be selected and copied by hand.
document.querySelectorAll("button.copy-link").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(field.value).then(() => {
      button.textContent = button.dataset.copied;
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  });
});
