// The inbox's bulk form works without this. With it, the form goes back to the inbox as it is
// now (Wagtail's filters change the address without reloading the page).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.id !== "inbox-bulk") return;
  form.elements.next.value = window.location.pathname + window.location.search;
});
