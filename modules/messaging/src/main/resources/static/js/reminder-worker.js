// Stride's service worker for exercise reminders. A push wakes it without a payload; it asks Stride
// (same origin, the patient's session) for the words to show, in the patient's language, and falls
// back to the ones the reminders page kept when the patient subscribed.
'use strict';

var WORDS = '/portal/reminders/notification';

self.addEventListener('push', function (event) {
  event.waitUntil(fetch(WORDS, { credentials: 'same-origin', redirect: 'error', headers: { Accept: 'application/json' } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    })
    .catch(function () {
      return caches.open('stride-reminder').then(function (cache) {
        return cache.match(WORDS);
      }).then(function (kept) {
        return kept ? kept.json() : null;
      });
    })
    .then(function (words) {
      if (words) {
        return self.registration.showNotification(words.title, { body: words.body, tag: 'stride-reminder', data: { url: words.url } });
      }
      return null;
    }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var url = event.notification.data && event.notification.data.url ? event.notification.data.url : '/portal';
  event.waitUntil(self.clients.openWindow(url));
});
