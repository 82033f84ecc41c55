/* The service worker of the installable app. Its settings come from the server
   (obshtina/core/pwa.py); the code is in the static files imported below. */
self.PWA = {{ config|safe }};
importScripts({{ scripts|safe }});
