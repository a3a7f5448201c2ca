const request = require('sync-request');

async function load(url) {
  const res = request('GET', url); // want RT102 "request\(\) \(sync-request\) blocks the event loop"
  const xhr = new XMLHttpRequest();
  xhr.open('GET', url, false); // want RT102 "xhr.open\(\)"
  const ok = new XMLHttpRequest();
  ok.open('GET', url, true);
  return fetch(url);
}

function cli(url) {
  return request('GET', url);
}
