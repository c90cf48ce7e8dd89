// Drag a person onto another group card: fills in and submits the "Move" form beside their
// name (the same form that works without JavaScript), which htmx posts; the server answers
// with the slot's groups and scores. Events are delegated, so swapped-in content works too.
(function () {
  function card(target) { return target && target.closest ? target.closest("[data-group]") : null; }
  document.addEventListener("dragstart", function (e) {
    var item = e.target.closest && e.target.closest("[data-membership]");
    if (!item) return;
    e.dataTransfer.setData("text/plain", item.dataset.membership);
    e.dataTransfer.effectAllowed = "move";
    item.classList.add("dragging");
  });
  document.addEventListener("dragend", function (e) {
    var item = e.target.closest && e.target.closest("[data-membership]");
    if (item) item.classList.remove("dragging");
  });
  document.addEventListener("dragover", function (e) {
    var target = card(e.target);
    if (!target) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "move";
    target.classList.add("drop-target");
  });
  document.addEventListener("dragleave", function (e) {
    var target = card(e.target);
    if (target && !target.contains(e.relatedTarget)) target.classList.remove("drop-target");
  });
  document.addEventListener("drop", function (e) {
    var target = card(e.target);
    if (!target) return;
    e.preventDefault();
    target.classList.remove("drop-target");
    var id = e.dataTransfer.getData("text/plain");
    var form = document.querySelector('form.move-form[data-membership="' + id + '"]');
    if (!form) return;
    var select = form.querySelector("select[name=group]");
    var option = select.querySelector('option[value="' + target.dataset.group + '"]');
    if (!option) return; // dropped on the person's own group
    select.value = target.dataset.group;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  });
})();
