// Conditional survey questions: hide a question while the earlier answer it depends on is not
// given. Without JavaScript every question is shown with a note, and the server decides.
(function () {
  "use strict";
  function update(form) {
    form.querySelectorAll("[data-condition-name]").forEach(function (question) {
      var name = question.getAttribute("data-condition-name");
      var value = question.getAttribute("data-condition-value");
      var chosen = Array.prototype.some.call(
        form.querySelectorAll('[name="' + name + '"]:checked'),
        function (input) { return input.value === value; }
      );
      var controller = form.querySelector('[name="' + name + '"]');
      var shown = chosen && !(controller && controller.closest("[hidden]"));
      question.hidden = !shown;
      // A hidden question sends nothing: the server would refuse an answer that does not apply.
      question.querySelectorAll("input, textarea, select").forEach(function (field) {
        field.disabled = !shown;
      });
    });
  }
  document.querySelectorAll("form.survey-form").forEach(function (form) {
    var both = function () { update(form); update(form); };  // twice: conditions in a chain
    form.addEventListener("change", both);
    both();
  });
})();
