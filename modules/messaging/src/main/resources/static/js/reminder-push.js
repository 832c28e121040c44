// Lets this browser show Stride's exercise reminders: registers the service worker, subscribes with
// the push service (the application server key is Stride's VAPID public key) and hands the
// subscription's address to Stride. Pushes carry no payload: the worker fetches the words it shows
// from Stride, or shows the ones kept here when it cannot reach Stride (e.g. signed out).
(function () {
  'use strict';
  var box = document.getElementById('push-device');
  if (!box || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) {
    return; // the browser cannot show reminders: the button stays hidden
  }
  box.hidden = false;
  var form = document.getElementById('push-form');
  var button = document.getElementById('push-enable');

  function key(base64url) {
    var base64 = (base64url + '===='.slice(base64url.length % 4 || 4)).replace(/-/g, '+').replace(/_/g, '/');
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) {
      bytes[i] = raw.charCodeAt(i);
    }
    return bytes;
  }

  function show(id) {
    document.getElementById(id).hidden = false;
  }

  button.addEventListener('click', function () {
    Notification.requestPermission().then(function (permission) {
      if (permission !== 'granted') {
        show('push-denied');
        return null;
      }
      return navigator.serviceWorker.register(box.dataset.worker).then(function () {
        return navigator.serviceWorker.ready;
      }).then(function (registration) {
        return registration.pushManager.getSubscription().then(function (existing) {
          return existing || registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(box.dataset.vapidKey) });
        });
      }).then(function (subscription) {
        var words = JSON.stringify({ title: box.dataset.title, body: box.dataset.body, url: box.dataset.url });
        return caches.open('stride-reminder').then(function (cache) {
          return cache.put(box.dataset.notification, new Response(words, { headers: { 'Content-Type': 'application/json' } }));
        }).then(function () {
          form.elements.endpoint.value = subscription.endpoint;
          form.submit();
        });
      });
    }).catch(function () {
      show('push-failed');
    });
  });
})();
