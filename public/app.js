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

    // Tables stacked into rows on a phone (app.css): each cell is labelled with its column's heading.
    document.querySelectorAll('table.table').forEach(function (table) {
      var heads = table.querySelectorAll('thead tr:last-child th');
      if (!heads.length) return;
      table.querySelectorAll('tbody tr').forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var head = heads[column];
          if (head && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', head.textContent.trim());
          column += cell.colSpan || 1;
        });
      });
      table.classList.add('table--labelled');
    });

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

    // A page that follows a report being made reloads itself every few seconds until it is done.
    var refresh = document.querySelector('[data-refresh-seconds]');
    if (refresh) {
      setTimeout(function () { window.location.reload(); }, Number(refresh.getAttribute('data-refresh-seconds')) * 1000);
    }

    document.querySelectorAll('[data-numbered-list]').forEach(numberedList);
    document.querySelectorAll('[data-member-picker]').forEach(memberPicker);
    document.querySelectorAll('[data-visit-planner]').forEach(conflictWatch);
    showChosenMode(document.querySelectorAll('[data-assign-mode]'));
    document.querySelectorAll('[data-review-desk]').forEach(reviewDesk);
  });

  // 提案审查: a similar proposal opens in the panel beside the one reviewed without leaving the page, so what is typed
  // in the form stays. The links are the server's own (?compare=<id>): the desk is fetched and its texts and list
  // taken over; without the script, or if the fetch fails, the link is simply followed.
  function reviewDesk(desk) {
    desk.addEventListener('click', function (event) {
      var link = event.target.closest('a[data-compare-link]');
      if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      var href = link.href;
      fetch(href, { credentials: 'same-origin' })
        .then(function (res) {
          if (!res.ok) throw new Error(String(res.status));
          return res.text();
        })
        .then(function (html) {
          var next = new DOMParser().parseFromString(html, 'text/html');
          ['[data-review-texts]', '[data-similar-list]'].forEach(function (selector) {
            var part = next.querySelector(selector);
            var current = desk.querySelector(selector);
            if (!part || !current) throw new Error('not the review desk');
            current.replaceWith(document.importNode(part, true));
          });
          var form = desk.querySelector('form[data-review-form]');
          var nextForm = next.querySelector('form[data-review-form]');
          if (form && nextForm) form.setAttribute('action', nextForm.getAttribute('action'));
          window.history.replaceState(null, '', href);
          var focus = document.getElementById('compare-panel') || document.getElementById('review-texts');
          if (focus) focus.focus();
        })
        .catch(function () {
          window.location.href = href;
        });
    });
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function button(text, className) {
    var b = element('button', className || 'button button--secondary', text);
    b.type = 'button';
    return b;
  }

  /** Takes the field's id, label and descriptions over from the textarea it replaces, which stays in the form, hidden. */
  function replaceField(source, replacement, box) {
    var id = source.id;
    source.id = id + '-text';
    source.hidden = true;
    replacement.id = id;
    var described = source.getAttribute('aria-describedby');
    if (described) replacement.setAttribute('aria-describedby', described);
    var hint = box.querySelector('.hint');
    if (hint && box.getAttribute('data-hint')) hint.textContent = box.getAttribute('data-hint');
  }

  var linesOf = function (text) {
    return text.split(/\r?\n/).map(function (l) { return l.trim(); }).filter(Boolean);
  };

  // 具体建议: one numbered box per suggestion and a button to add one; the hidden textarea gets one per line.
  function numberedList(box) {
    var source = box.querySelector('textarea');
    if (!source) return;
    var id = source.id;
    var list = element('ol', 'numbered-rows');
    var add = button(box.getAttribute('data-add-text'));
    source.insertAdjacentElement('afterend', list);
    list.insertAdjacentElement('afterend', add);
    var first = true;

    function rows() { return Array.prototype.slice.call(list.querySelectorAll('textarea')); }
    function sync() {
      source.value = rows().map(function (t) { return t.value.replace(/\s*\n\s*/g, ' ').trim(); }).filter(Boolean).join('\n');
    }
    function renumber() {
      list.querySelectorAll('li').forEach(function (li, i) {
        var field = li.querySelector('textarea');
        field.id = i === 0 ? id : id + '-' + (i + 1);
        var label = li.querySelector('label');
        label.htmlFor = field.id;
        label.textContent = box.getAttribute('data-item-label').replace('{n}', String(i + 1));
      });
    }
    function addRow(value) {
      var li = element('li', 'numbered-rows__item');
      var label = element('label', 'numbered-rows__label');
      var field = element('textarea', 'textarea');
      field.rows = 2;
      field.value = value;
      field.addEventListener('input', sync);
      var remove = button(box.getAttribute('data-remove-text'));
      remove.addEventListener('click', function () {
        li.remove();
        if (!rows().length) addRow('');
        renumber();
        sync();
        rows()[rows().length - 1].focus();
      });
      li.append(label, field, remove);
      list.appendChild(li);
      if (first) {
        replaceField(source, field, box);
        first = false;
      }
      return field;
    }
    var initial = linesOf(source.value);
    (initial.length ? initial : ['']).forEach(addRow);
    renumber();
    add.addEventListener('click', function () {
      var field = addRow('');
      renumber();
      field.focus();
    });
  }

  // 附议人: search members by name and add them; the hidden textarea gets one name per line.
  function memberPicker(box) {
    var source = box.querySelector('textarea');
    if (!source) return;
    var search = element('input', 'input input--medium');
    search.type = 'search';
    search.autocomplete = 'off';
    search.setAttribute('data-picker-search', '');
    source.insertAdjacentElement('afterend', search);
    replaceField(source, search, box);
    var results = element('ul', 'picker__results');
    results.setAttribute('aria-live', 'polite');
    var chosenLabel = element('p', 'picker__chosen-label', box.getAttribute('data-chosen-label'));
    var chosenList = element('ul', 'picker__chosen');
    search.insertAdjacentElement('afterend', results);
    results.insertAdjacentElement('afterend', chosenLabel);
    chosenLabel.insertAdjacentElement('afterend', chosenList);
    box.classList.add('picker');
    var chosen = linesOf(source.value);
    var timer = null;

    function render() {
      source.value = chosen.join('\n');
      chosenLabel.hidden = chosen.length === 0;
      chosenList.textContent = '';
      chosen.forEach(function (name) {
        var li = element('li', null);
        li.appendChild(element('span', null, name));
        var remove = button(box.getAttribute('data-remove-text'));
        remove.appendChild(element('span', 'visually-hidden', name));
        remove.addEventListener('click', function () {
          chosen = chosen.filter(function (n) { return n !== name; });
          render();
          search.focus();
        });
        li.appendChild(remove);
        chosenList.appendChild(li);
      });
    }
    function show(items) {
      results.textContent = '';
      var fresh = items.filter(function (m) { return chosen.indexOf(m.name) < 0; });
      if (!fresh.length) {
        results.appendChild(element('li', 'picker__empty', box.getAttribute('data-none-text')));
        return;
      }
      fresh.forEach(function (m) {
        var li = element('li', null);
        li.appendChild(element('span', null, m.name + '（' + m.sector + '）'));
        var add = button(box.getAttribute('data-add-text'));
        add.setAttribute('data-pick', m.name);
        add.appendChild(element('span', 'visually-hidden', m.name));
        add.addEventListener('click', function () {
          chosen.push(m.name);
          render();
          results.textContent = '';
          search.value = '';
          search.focus();
        });
        li.appendChild(add);
        results.appendChild(li);
      });
    }
    function find() {
      var q = search.value.trim();
      if (!q) { results.textContent = ''; return; }
      fetch(box.getAttribute('data-endpoint') + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : { items: [] }; })
        .then(function (body) { if (search.value.trim() === q) show(body.items || []); })
        .catch(function () { results.textContent = ''; });
    }
    search.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(find, 250);
    });
    // Enter searches at once instead of sending the whole form.
    search.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') {
        e.preventDefault();
        clearTimeout(timer);
        find();
      }
    });
    render();
  }

  // 交办: show only the fields of the chosen way (主办会办 or 分办); without the script both show.
  function showChosenMode(sections) {
    if (!sections.length) return;
    var radios = document.querySelectorAll('input[name="mode"]');
    function update() {
      var chosen = document.querySelector('input[name="mode"]:checked');
      sections.forEach(function (s) { s.hidden = chosen !== null && s.getAttribute('data-assign-mode') !== chosen.value; });
    }
    radios.forEach(function (r) { r.addEventListener('change', update); });
    update();
  }
  /**
   * 视察调研 planner: as members and staff are ticked (or the times change), asks the page's own
   * conflict check and shows each person's clashes beside their box, with the texts the page carries;
   * keeps the free/busy link pointing at the members ticked. The server checks again on submit.
   */
  function conflictWatch(form) {
    var picker = form.querySelector('[data-conflict-picker]');
    if (!picker) return;
    var zone = form.getAttribute('data-time-zone');
    var offset = form.getAttribute('data-utc-offset');
    var link = document.querySelector('[data-free-busy-link]');
    var confirmBox = form.querySelector('[data-conflict-confirm]');
    var timer = null;
    var asked = 0;
    var when = new Intl.DateTimeFormat('zh-CN', { timeZone: zone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

    function ticked(name) {
      return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (box) { return box.value; });
    }
    function time(name, attr) {
      var input = form.querySelector('[name="' + name + '"]');
      if (input && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(input.value)) return input.value + ':00' + offset;
      return form.getAttribute(attr) || '';
    }
    function slots() {
      return form.querySelectorAll('[data-member-id], [data-user-id]');
    }
    function show(conflicts) {
      var any = false;
      slots().forEach(function (item) {
        var memberId = item.getAttribute('data-member-id');
        var userId = item.getAttribute('data-user-id');
        var mine = conflicts.filter(function (c) { return memberId ? String(c.memberId) === memberId : String(c.userId) === userId; });
        var slot = item.querySelector('.conflict-slot');
        slot.textContent = '';
        item.classList.toggle('checkboxes__item--conflict', mine.length > 0);
        if (!mine.length) return;
        any = true;
        var list = element('ul', 'conflict-list');
        mine.forEach(function (c) {
          var text = picker.getAttribute(c.with.type === 'visit' ? 'data-text-visit' : 'data-text-meeting');
          var range = when.format(new Date(c.with.startsAt)) + '–' + when.format(new Date(c.with.endsAt));
          list.appendChild(element('li', 'conflict', text.replace('{title}', c.with.title).replace('{when}', range)));
        });
        slot.appendChild(list);
        var details = item.closest('details');
        if (details) details.open = true;
      });
      if (confirmBox) confirmBox.classList.toggle('conflict-confirm--quiet', !any);
    }
    function check() {
      var members = ticked('participantMemberIds');
      if (link) link.href = '/visits/free-busy' + (members.length ? '?memberIds=' + members.join(',') : '');
      var users = ticked('participantUserIds');
      var startsAt = time('startsAt', 'data-starts-at');
      var endsAt = time('endsAt', 'data-ends-at');
      if ((!members.length && !users.length) || !startsAt || !endsAt) return show([]);
      var params = ['memberIds=' + members.join(','), 'startsAt=' + encodeURIComponent(startsAt), 'endsAt=' + encodeURIComponent(endsAt)];
      if (users.length) params.push('userIds=' + users.join(','));
      if (form.getAttribute('data-exclude-visit')) params.push('excludeVisitId=' + form.getAttribute('data-exclude-visit'));
      var mine = ++asked;
      fetch(picker.getAttribute('data-endpoint') + '?' + params.join('&'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (list) { if (list && mine === asked) show(list); })
        .catch(function () { /* the server checks again on submit */ });
    }
    form.addEventListener('change', function (e) {
      var name = e.target && e.target.name;
      if (name !== 'participantMemberIds' && name !== 'participantUserIds' && name !== 'startsAt' && name !== 'endsAt') return;
      clearTimeout(timer);
      timer = setTimeout(check, 250);
    });
    check();
  }
})();
