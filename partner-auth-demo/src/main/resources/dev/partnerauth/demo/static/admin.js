// CPQ "API Settings" page: talks to the partner-auth admin API on the same origin. The browser's
// HTTP Basic credentials authorise each call. Everything from the server reaches the DOM through
// textContent or form values, never as HTML.
'use strict';

(function () {
  const API = '/api/v1/admin/partner-auth';

  function $(id) {
    return document.getElementById(id);
  }

  if (!$('admin')) {
    return;
  }

  class ApiError extends Error {
    constructor(message, status, errors) {
      super(message);
      this.status = status;
      this.errors = errors;
    }
  }

  function describeStatus(status) {
    switch (status) {
      case 401: return 'You are not signed in as a CPQ administrator (401). Reload the page and sign in.';
      case 403: return 'You are signed in, but not as a CPQ administrator (403).';
      case 404: return 'The admin API was not found (404). Is partner-auth mounted at /api/v1?';
      default: return 'The server answered with status ' + status + '.';
    }
  }

  async function call(method, path, body) {
    const init = { method: method, credentials: 'same-origin', cache: 'no-store', headers: { 'Accept': 'application/json' } };
    if (body !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(API + path, init);
    } catch (e) {
      throw new ApiError('Could not reach the server: ' + e.message, 0, []);
    }
    let json = {};
    if (response.status !== 204) {
      try {
        const parsed = await response.json();
        json = parsed && typeof parsed === 'object' ? parsed : {};
      } catch (e) {
        json = {};
      }
    }
    if (!response.ok) {
      const errors = Array.isArray(json.errors) ? json.errors.filter(function (e) { return e && typeof e === 'object'; }) : [];
      const first = errors.length && typeof errors[0].message === 'string' ? errors[0].message : describeStatus(response.status);
      throw new ApiError(first, response.status, errors);
    }
    return json;
  }

  function lines(text) {
    return text.split(/[\s,]+/).map(function (s) { return s.trim(); }).filter(function (s) { return s.length > 0; });
  }

  function clear(element) {
    while (element.firstChild) {
      element.removeChild(element.firstChild);
    }
  }

  function setStatus(element, kind, text) {
    element.className = 'status' + (kind ? ' status-' + kind : '');
    element.textContent = text;
  }

  // Shows an API failure as a list beside its form and marks the fields it names. fields maps the
  // API's field names to input ids.
  function showErrors(list, fields, error) {
    clearErrors(list, fields);
    const errors = error instanceof ApiError && error.errors.length ? error.errors : [{ message: error.message }];
    errors.forEach(function (e) {
      const message = typeof e.message === 'string' ? e.message : (error.message || 'Unknown error');
      const field = typeof e.field === 'string' ? e.field : '';
      const item = document.createElement('li');
      item.textContent = field && message.indexOf(field) < 0 ? message + ' (' + field + ')' : message;
      list.appendChild(item);
      const inputId = fields[field.split(/[.[]/)[0]];
      if (inputId && $(inputId)) {
        $(inputId).setAttribute('aria-invalid', 'true');
      }
    });
  }

  function clearErrors(list, fields) {
    clear(list);
    Object.keys(fields).forEach(function (name) {
      const input = $(fields[name]);
      if (input) {
        input.removeAttribute('aria-invalid');
      }
    });
  }

  function timeCell(value, whenEmpty) {
    const cell = document.createElement('td');
    if (typeof value !== 'string' || !value) {
      cell.textContent = whenEmpty;
      return cell;
    }
    const date = new Date(value);
    if (isNaN(date.getTime())) {
      cell.textContent = value;
      return cell;
    }
    const time = document.createElement('time');
    time.dateTime = value;
    time.title = value;
    time.textContent = date.toLocaleString();
    cell.appendChild(time);
    return cell;
  }

  function textCell(text) {
    const cell = document.createElement('td');
    cell.textContent = text;
    return cell;
  }

  // The one row of an empty table, spanning its columns.
  function emptyRow(text, columns) {
    const row = document.createElement('tr');
    const cell = textCell(text);
    cell.colSpan = columns;
    cell.className = 'empty';
    row.appendChild(cell);
    return row;
  }

  // ---- settings ----

  const SETTINGS_FIELDS = { enabled: 'enabled', crm: 'crm', allowed_origins: 'allowed-origins' };

  function fillSettings(settings) {
    $('enabled').checked = settings.enabled === true;
    $('crm').value = typeof settings.crm === 'string' ? settings.crm : '';
    $('allowed-origins').value = Array.isArray(settings.allowed_origins) ? settings.allowed_origins.join('\n') : '';
  }

  async function loadSettings() {
    fillSettings(await call('GET', '/settings'));
  }

  $('settings-form').addEventListener('submit', async function (event) {
    event.preventDefault();
    const button = $('save-settings');
    button.disabled = true;
    clearErrors($('settings-errors'), SETTINGS_FIELDS);
    setStatus($('settings-status'), '', '');
    try {
      const saved = await call('PUT', '/settings', {
        enabled: $('enabled').checked,
        crm: $('crm').value || null,
        allowed_origins: lines($('allowed-origins').value)
      });
      fillSettings(saved);
      setStatus($('settings-status'), 'ok', 'Settings saved.');
      refreshAudit();
    } catch (e) {
      showErrors($('settings-errors'), SETTINGS_FIELDS, e);
    } finally {
      button.disabled = false;
    }
  });

  // ---- keys ----

  const KEY_FIELDS = { name: 'key-name', allowed_ips: 'key-ips', expires_at: 'key-expires' };

  function keyRow(key) {
    const row = document.createElement('tr');
    const id = String(key.id);
    const name = typeof key.name === 'string' ? key.name : id;
    row.dataset.keyId = id;

    row.appendChild(textCell(name));
    // keys that show the same partner sign in the same users (a hand-over or a rolled key)
    const partnerCell = document.createElement('td');
    const partner = document.createElement('code');
    partner.className = 'partner-id';
    partner.textContent = String(key.partner_id);
    partnerCell.appendChild(partner);
    row.appendChild(partnerCell);

    const ipsCell = document.createElement('td');
    const ips = document.createElement('textarea');
    ips.className = 'key-ips';
    ips.rows = 2;
    ips.spellcheck = false;
    ips.setAttribute('aria-label', 'Allowed IPs for ' + name + ', one per line; empty means any IP');
    ips.value = Array.isArray(key.allowed_ips) ? key.allowed_ips.join('\n') : '';
    const rowErrors = document.createElement('ul');
    rowErrors.className = 'errors';
    rowErrors.setAttribute('role', 'alert');
    const saveActions = document.createElement('div');
    saveActions.className = 'actions';
    const save = document.createElement('button');
    save.type = 'button';
    save.className = 'secondary save-ips';
    save.textContent = 'Save IPs';
    save.setAttribute('aria-label', 'Save allowed IPs for ' + name);
    saveActions.appendChild(save);
    ipsCell.append(ips, rowErrors, saveActions);
    row.appendChild(ipsCell);

    row.appendChild(timeCell(key.created_at, '—'));
    row.appendChild(timeCell(key.expires_at, 'Never'));
    row.appendChild(timeCell(key.last_used_at, 'Never'));

    const actions = document.createElement('td');
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'danger delete-key';
    remove.textContent = 'Delete';
    remove.setAttribute('aria-label', 'Delete key ' + name);
    const roll = document.createElement('button');
    roll.type = 'button';
    roll.className = 'secondary roll-key';
    roll.textContent = 'Roll';
    roll.setAttribute('aria-label', 'Roll key ' + name);
    actions.append(roll, remove);
    row.appendChild(actions);

    roll.addEventListener('click', async function () {
      const sure = window.confirm('Roll the key "' + name + '"? A new key of the same partner is shown once;'
        + ' the old one keeps working for 24 hours, so the partner can switch over.');
      if (!sure) {
        return;
      }
      roll.disabled = true;
      try {
        const created = await call('POST', '/keys/' + encodeURIComponent(id) + '/roll', {});
        showNewKey(typeof created.key === 'string' ? created.key : '');
        setStatus($('keys-status'), 'ok', 'Key "' + name + '" rolled; the old key expires in 24 hours.');
        await loadKeys();
        refreshAudit();
      } catch (e) {
        setStatus($('keys-status'), 'error', 'Could not roll "' + name + '": ' + e.message);
        roll.disabled = false;
      }
    });

    save.addEventListener('click', async function () {
      save.disabled = true;
      clear(rowErrors);
      ips.removeAttribute('aria-invalid');
      try {
        const updated = await call('PUT', '/keys/' + encodeURIComponent(id), { allowed_ips: lines(ips.value) });
        ips.value = Array.isArray(updated.allowed_ips) ? updated.allowed_ips.join('\n') : ips.value;
        setStatus($('keys-status'), 'ok', 'Allowed IPs saved for "' + name + '".');
        refreshAudit();
      } catch (e) {
        const messages = e instanceof ApiError && e.errors.length ? e.errors : [{ message: e.message }];
        messages.forEach(function (m) {
          const item = document.createElement('li');
          item.textContent = typeof m.message === 'string' ? m.message : e.message;
          rowErrors.appendChild(item);
        });
        ips.setAttribute('aria-invalid', 'true');
      } finally {
        save.disabled = false;
      }
    });

    remove.addEventListener('click', async function () {
      const sure = window.confirm('Delete the key "' + name + '"? Partner portals using it stop working at once,'
        + ' and tokens minted with it are refused. This cannot be undone.');
      if (!sure) {
        return;
      }
      remove.disabled = true;
      try {
        await call('DELETE', '/keys/' + encodeURIComponent(id));
        setStatus($('keys-status'), 'ok', 'Key "' + name + '" deleted.');
        await loadKeys();
        refreshAudit();
      } catch (e) {
        setStatus($('keys-status'), 'error', 'Could not delete "' + name + '": ' + e.message);
        remove.disabled = false;
      }
    });
    return row;
  }

  async function loadKeys() {
    const body = await call('GET', '/keys');
    const tbody = $('keys').tBodies[0];
    clear(tbody);
    const keys = Array.isArray(body.keys) ? body.keys : [];
    if (keys.length === 0) {
      tbody.appendChild(emptyRow('No keys yet. Add one above and hand it to the partner.', 7));
      return;
    }
    keys.forEach(function (key) { tbody.appendChild(keyRow(key)); });
  }

  $('key-form').addEventListener('submit', async function (event) {
    event.preventDefault();
    const button = $('add-key');
    clearErrors($('key-errors'), KEY_FIELDS);
    const request = { name: $('key-name').value.trim(), allowed_ips: lines($('key-ips').value) };
    const expires = $('key-expires').value;
    if (expires) {
      const date = new Date(expires);
      if (isNaN(date.getTime())) {
        showErrors($('key-errors'), KEY_FIELDS, new ApiError('Enter the expiry as a date and time.', 0,
          [{ message: 'Enter the expiry as a date and time.', field: 'expires_at' }]));
        return;
      }
      request.expires_at = date.toISOString();
    }
    button.disabled = true;
    try {
      const created = await call('POST', '/keys', request);
      showNewKey(typeof created.key === 'string' ? created.key : '');
      $('key-form').reset();
      setStatus($('keys-status'), 'ok', 'Key "' + (created.name || request.name) + '" created.');
      await loadKeys();
      refreshAudit();
    } catch (e) {
      showErrors($('key-errors'), KEY_FIELDS, e);
    } finally {
      button.disabled = false;
    }
  });

  // ---- partner users ----

  function userRow(user) {
    const row = document.createElement('tr');
    const partner = String(user.partner_id);
    const userId = String(user.user_id);
    row.dataset.partnerId = partner;
    row.dataset.userId = userId;
    const partnerCell = document.createElement('td');
    const code = document.createElement('code');
    code.textContent = partner;
    partnerCell.appendChild(code);
    row.append(partnerCell, textCell(userId), textCell(String(user.name)), textCell(String(user.email)),
      timeCell(user.last_sign_in_at, 'Never'));
    // the partner's switch (deactivate/user), shown but not changed here: only the partner lifts it
    const active = textCell(user.active === false ? 'No (deactivated by the partner)' : 'Yes');
    active.className = 'user-active';
    row.appendChild(active);
    const cell = document.createElement('td');
    const toggle = document.createElement('input');
    toggle.type = 'checkbox';
    toggle.className = 'user-enabled';
    toggle.checked = user.enabled === true;
    toggle.setAttribute('aria-label', 'Enabled: ' + userId + ' of partner ' + partner);
    cell.appendChild(toggle);
    const signOut = document.createElement('button');
    signOut.type = 'button';
    signOut.className = 'secondary user-signout';
    signOut.textContent = 'Sign out';
    signOut.setAttribute('aria-label', 'Sign out ' + userId + ' of partner ' + partner + ' everywhere');
    cell.append(' ', signOut);
    row.appendChild(cell);
    signOut.addEventListener('click', async function () {
      signOut.disabled = true;
      try {
        await call('POST', '/users/' + encodeURIComponent(partner) + '/' + encodeURIComponent(userId) + '/signout');
        setStatus($('users-status'), 'ok', userId + ' signed out everywhere: its sessions end at their next request'
          + ' (within 5 seconds on other nodes).' + (user.active === false || user.enabled !== true
            ? '' : ' It can sign in again.'));
        refreshAudit();
      } catch (e) {
        setStatus($('users-status'), 'error', 'Could not sign ' + userId + ' out: ' + e.message);
      } finally {
        signOut.disabled = false;
      }
    });
    toggle.addEventListener('change', async function () {
      toggle.disabled = true;
      try {
        const updated = await call('PUT', '/users/' + encodeURIComponent(partner) + '/' + encodeURIComponent(userId),
          { enabled: toggle.checked });
        toggle.checked = updated.enabled === true;
        setStatus($('users-status'), 'ok', userId + (toggle.checked ? ' enabled.' : ' disabled.'));
        refreshAudit();
      } catch (e) {
        toggle.checked = !toggle.checked;
        setStatus($('users-status'), 'error', 'Could not change ' + userId + ': ' + e.message);
      } finally {
        toggle.disabled = false;
      }
    });
    return row;
  }

  async function loadUsers() {
    const body = await call('GET', '/users?limit=200');
    const tbody = $('users').tBodies[0];
    clear(tbody);
    const users = Array.isArray(body.users) ? body.users : [];
    if (users.length === 0) {
      tbody.appendChild(emptyRow('No partner users yet: they appear at their first sign-in.', 7));
      return;
    }
    users.forEach(function (user) { tbody.appendChild(userRow(user)); });
  }

  // ---- the new key, shown once ----

  function showNewKey(key) {
    $('new-key').value = key;
    $('copy-status').textContent = '';
    $('new-key-panel').hidden = false;
    $('new-key').focus();
    $('new-key').select();
  }

  $('copy-key').addEventListener('click', async function () {
    const field = $('new-key');
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(field.value);
        $('copy-status').textContent = 'Copied to the clipboard.';
        return;
      } catch (e) {
        // Permission refused: fall through to selecting the text.
      }
    }
    field.focus();
    field.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch (e) {
      copied = false;
    }
    $('copy-status').textContent = copied
      ? 'Copied to the clipboard.'
      : 'Could not copy automatically. The key is selected: press Ctrl+C (⌘C on a Mac) to copy it.';
  });

  $('dismiss-key').addEventListener('click', function () {
    $('new-key').value = '';
    $('copy-status').textContent = '';
    $('new-key-panel').hidden = true;
  });

  // ---- audit ----

  const TIME_MEMBERS = ['at', 'timestamp', 'time', 'occurred_at', 'created_at'];
  const TYPE_MEMBERS = ['type', 'event', 'action', 'kind'];

  function firstMember(event, names) {
    for (let i = 0; i < names.length; i++) {
      if (event[names[i]] !== undefined && event[names[i]] !== null) {
        return names[i];
      }
    }
    return null;
  }

  function auditEvents(body) {
    const named = ['events', 'audit', 'entries'].find(function (name) { return Array.isArray(body[name]); });
    if (named) {
      return body[named];
    }
    const other = Object.keys(body).find(function (name) { return name !== 'errors' && Array.isArray(body[name]); });
    return other ? body[other] : [];
  }

  async function loadAudit() {
    const body = await call('GET', '/audit?limit=50');
    const tbody = $('audit').tBodies[0];
    clear(tbody);
    const events = auditEvents(body).filter(function (e) { return e && typeof e === 'object'; });
    if (events.length === 0) {
      tbody.appendChild(emptyRow('Nothing recorded yet.', 3));
      return;
    }
    events.forEach(function (event) {
      const timeName = firstMember(event, TIME_MEMBERS);
      const typeName = firstMember(event, TYPE_MEMBERS);
      const details = Object.keys(event)
        .filter(function (name) { return name !== timeName && name !== typeName && event[name] !== null; })
        .map(function (name) {
          const value = event[name];
          return name + ': ' + (typeof value === 'object' ? JSON.stringify(value) : String(value));
        });
      const row = document.createElement('tr');
      row.appendChild(timeCell(timeName ? String(event[timeName]) : '', '—'));
      row.appendChild(textCell(typeName ? String(event[typeName]) : '—'));
      row.appendChild(textCell(details.join(', ')));
      tbody.appendChild(row);
    });
  }

  function refreshAudit() {
    loadAudit().then(function () {
      setStatus($('audit-status'), '', '');
    }, function (e) {
      setStatus($('audit-status'), 'error', 'Could not load recent activity: ' + e.message);
    });
  }

  $('refresh-audit').addEventListener('click', refreshAudit);

  // ---- start ----

  Promise.allSettled([loadSettings(), loadKeys(), loadUsers(), loadAudit()]).then(function (results) {
    const failed = results.filter(function (r) { return r.status === 'rejected'; });
    if (failed.length) {
      setStatus($('load-status'), 'error', 'Could not load the API settings: ' + failed[0].reason.message);
    }
  });
}());
