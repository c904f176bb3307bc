// Progressive enhancement of the ballot form (plain JS, no framework). Without this file
// the form works as is; the voting server checks every ballot anyway. With it:
// - the running total and the money left are shown and announced politely;
// - a choice that would exceed the budget or the maximum count is not made, and the
//   reason is announced;
// - the voting code's check character is verified as it is typed.
(function () {
  'use strict';
  var euro = function (n, lang) {
    var s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '\u00a0');
    return (n < 0 ? '-' : '') + (lang === 'en' ? '€' + s : s + '\u00a0€');
  };
  var fill = function (template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, k) { return values[k] !== undefined ? values[k] : ''; });
  };

  // Voting codes (common/voting_code_format.h): symbols of the form's alphabet and a
  // final check symbol, the weighted sum (weights 1..n) of the symbols' values mod the
  // alphabet's size. Returns null while the code is incomplete.
  var checkCode = function (raw, alphabet, length) {
    var code = raw.toUpperCase().replace(/[\s-]/g, '');
    if (!alphabet || code.length < length) return null;
    if (code.length > length) return false;
    var sum = 0;
    for (var i = 0; i < code.length - 1; i++) {
      var v = alphabet.indexOf(code[i]);
      if (v < 0) return false;
      sum = (sum + v * (i + 1)) % alphabet.length;
    }
    return alphabet[sum] === code[code.length - 1];
  };

  Array.prototype.forEach.call(document.querySelectorAll('form.ballot'), function (form) {
    var lang = (form.querySelector('input[name=lang]') || {}).value || document.documentElement.lang;
    var budget = Number(form.getAttribute('data-budget'));
    var max = Number(form.getAttribute('data-max') || 0);
    var knapsack = form.getAttribute('data-knapsack') === 'true';
    var status = form.querySelector('.budget-status');
    var boxes = form.querySelectorAll('input[name=proposal]');
    var update = function (message) {
      var total = 0, count = 0;
      Array.prototype.forEach.call(boxes, function (b) { if (b.checked) { total += Number(b.getAttribute('data-cost')); count++; } });
      var text = fill(status.getAttribute('data-i18n-chosen'), { count: count, total: euro(total, lang) });
      if (knapsack) text += ' ' + fill(status.getAttribute('data-i18n-left'), { left: euro(budget - total, lang) });
      status.textContent = message ? message + ' ' + text : text;
    };
    Array.prototype.forEach.call(boxes, function (box) {
      box.addEventListener('change', function () {
        if (!box.checked) { update(); return; }
        var total = 0, count = 0;
        Array.prototype.forEach.call(boxes, function (b) { if (b.checked) { total += Number(b.getAttribute('data-cost')); count++; } });
        if (max && count > max) {
          box.checked = false;
          update(fill(status.getAttribute('data-i18n-max'), { max: max }));
        } else if (knapsack && total > budget) {
          box.checked = false;
          update(fill(status.getAttribute('data-i18n-over'), { left: euro(budget - total + Number(box.getAttribute('data-cost')), lang) }));
        } else {
          update();
        }
      });
    });
    update();

    var code = form.querySelector('input[name=code]');
    var codeStatus = form.querySelector('.code-check');
    if (code && codeStatus) {
      var alphabet = form.getAttribute('data-code-alphabet');
      var length = Number(form.getAttribute('data-code-length'));
      code.addEventListener('input', function () {
        var ok = checkCode(code.value, alphabet, length);
        codeStatus.textContent = ok === null ? '' : ok ? codeStatus.getAttribute('data-i18n-ok') : codeStatus.getAttribute('data-i18n-bad');
        code.setAttribute('aria-invalid', ok === false ? 'true' : 'false');
      });
    }
  });
})();
