/* Small enhancements only: every page works without this script. No text here — labels come from the page. */
(function () {
  'use strict';
  document.documentElement.classList.add('js-enabled');

  document.addEventListener('DOMContentLoaded', function () {
    // 菜单 on a phone: the menu button shows and hides the navigation list.
    var toggle = document.querySelector('.service-nav__toggle');
    var list = document.getElementById('service-nav-list');
    if (toggle && list) {
      toggle.hidden = false;
      toggle.addEventListener('click', function () {
        var open = list.classList.toggle('is-open');
        toggle.setAttribute('aria-expanded', String(open));
      });
    }

    // A failed form: move focus to its error summary so screen readers announce it.
    var summary = document.querySelector('[data-error-summary]');
    if (summary) summary.focus();

    // Show/hide password buttons (their two labels are in data attributes of the page).
    document.querySelectorAll('[data-password-toggle]').forEach(function (button) {
      var input = document.getElementById(button.getAttribute('aria-controls'));
      if (!input) return;
      var showText = button.textContent;
      button.hidden = false;
      button.addEventListener('click', function () {
        var shown = input.type === 'text';
        input.type = shown ? 'password' : 'text';
        button.textContent = shown ? showText : button.getAttribute('data-hide-text');
        button.setAttribute('aria-pressed', String(!shown));
      });
    });
  });
})();
