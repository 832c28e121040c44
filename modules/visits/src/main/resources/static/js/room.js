// The video room: a device check, then the waiting room or the call. Sound and pictures go from
// browser to browser (WebRTC); Stride's socket carries only the signalling, the room's news and the
// text side-channel. Every word shown comes from the page (data-word-* on #room).
(() => {
  const root = document.getElementById('room');
  if (!root) {
    return;
  }
  const room = root.dataset.room;
  const role = root.dataset.role;
  const word = (name) => root.dataset['word' + name.charAt(0).toUpperCase() + name.slice(1)] || '';
  const $ = (id) => document.getElementById(id);

  let local = null;          // the camera and microphone
  let camera = null;         // the camera's track, kept while the screen is shared
  let screen = null;         // the shared screen's track
  let socket = null;
  let you = null;
  let admitted = false;
  let ended = false;
  let iceServers = [];
  const peers = new Map();   // peer id -> { pc, offerer, name, tile, restartTimer }

  // ---- the device check ----------------------------------------------------------------------

  const deviceMessage = (text) => {
    $('device-message').textContent = text;
    $('device-message').hidden = !text;
  };

  const meter = (stream) => {
    if (!stream.getAudioTracks().length || !window.AudioContext) {
      return;
    }
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    const level = () => {
      analyser.getByteTimeDomainData(samples);
      let peak = 0;
      for (const sample of samples) {
        peak = Math.max(peak, Math.abs(sample - 128) / 128);
      }
      $('mic-level').value = peak;
      if (!ended) {
        requestAnimationFrame(level);
      }
    };
    level();
  };

  const startDevices = async () => {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      deviceMessage(word('deviceFailed'));
      $('join').disabled = false;
      return;
    }
    try {
      local = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
    } catch (error) {
      try {
        local = await navigator.mediaDevices.getUserMedia({ audio: true });
        deviceMessage(word('audioOnly'));
      } catch (again) {
        deviceMessage(error.name === 'NotAllowedError' || error.name === 'SecurityError' ? word('cameraRefused')
          : error.name === 'NotFoundError' || error.name === 'OverconstrainedError' ? word('noCamera')
          : word('deviceFailed'));
      }
    }
    if (local) {
      $('preview').srcObject = local;
      camera = local.getVideoTracks()[0] || null;
      meter(local);
    }
    $('join').disabled = false;
  };

  $('speaker-test').addEventListener('click', () => {
    const context = new AudioContext();
    const tone = context.createOscillator();
    const volume = context.createGain();
    tone.frequency.value = 440;
    volume.gain.value = 0.2;
    tone.connect(volume).connect(context.destination);
    tone.start();
    tone.stop(context.currentTime + 1);
  });

  // ---- the socket --------------------------------------------------------------------------------

  const send = (message) => {
    if (socket && socket.readyState === WebSocket.OPEN) {
      message.room = room;
      socket.send(JSON.stringify(message));
    }
  };

  const status = (text) => {
    $('call-status').textContent = text;
  };

  const connect = () => {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    socket = new WebSocket(scheme + location.host + root.dataset.socket);
    socket.addEventListener('message', (event) => heard(JSON.parse(event.data)));
    socket.addEventListener('close', () => {
      if (!ended) {
        status(word('reconnecting'));
        setTimeout(connect, 2000); // a new connection; Stride lets an admitted peer straight back in
      }
    });
  };

  const heard = (message) => {
    switch (message.type) {
      case 'welcome':
        you = message.you;
        iceServers = message.iceServers || [];
        admitted = message.admitted;
        for (const [id] of peers) {
          drop(id); // a reconnection: the old calls are gone, the new ones start below
        }
        if (role === 'CLINICIAN') {
          message.peers.filter((peer) => !peer.admitted).forEach(waits);
        }
        if (admitted) {
          enterCall(message.peers.filter((peer) => peer.admitted));
        } else {
          $('waiting').hidden = false;
        }
        break;
      case 'admitted':
        admitted = true;
        enterCall(message.peers);
        break;
      case 'peer':
        if (message.left) {
          drop(message.peer);
          unwait(message.peer);
        } else if (!message.admitted) {
          waits(message);
        } else {
          unwait(message.peer);
          const known = peers.get(message.peer);
          if (known) {
            known.name = message.name;
          }
        }
        break;
      case 'signal':
        signal(message.from, message.data);
        break;
      case 'chat':
        line(message.name, message.text);
        break;
      case 'ended':
        end(message.reason === 'cancelled' ? word('cancelled') : word('ended'));
        break;
      case 'refused':
        status(word('refused'));
        break;
      default:
        break;
    }
  };

  // ---- the call -----------------------------------------------------------------------------------

  const enterCall = (admittedPeers) => {
    $('device-check').hidden = true;
    $('waiting').hidden = true;
    $('call').hidden = false;
    if (local) {
      $('self-view').srcObject = local;
    }
    status(admittedPeers.length ? word('connecting') : word('alone'));
    // the newcomer calls everyone already in; they answer
    admittedPeers.forEach((peer) => call(peer.peer, peer.name));
  };

  const tile = (id, name) => {
    const figure = document.createElement('figure');
    figure.className = 'remote';
    figure.dataset.peer = id;
    figure.dataset.state = 'new';
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.setAttribute('aria-label', word('videoOf').replace('{0}', name || ''));
    const caption = document.createElement('figcaption');
    caption.textContent = name || '';
    figure.append(video, caption);
    $('remotes').append(figure);
    return figure;
  };

  const connection = (id, name, offerer) => {
    const existing = peers.get(id);
    if (existing) {
      return existing;
    }
    const pc = new RTCPeerConnection({ iceServers });
    const entry = { pc, offerer, name, tile: tile(id, name), restartTimer: null };
    peers.set(id, entry);
    if (local) {
      local.getTracks().forEach((track) => pc.addTrack(track, local));
      if (screen) {
        const sender = pc.getSenders().find((s) => s.track && s.track.kind === 'video');
        if (sender) {
          sender.replaceTrack(screen);
        }
      }
    } else {
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
    pc.addEventListener('icecandidate', (event) => {
      if (event.candidate) {
        send({ type: 'signal', to: id, data: { candidate: event.candidate.toJSON() } });
      }
    });
    pc.addEventListener('track', (event) => {
      const video = entry.tile.querySelector('video');
      if (video.srcObject !== event.streams[0]) {
        video.srcObject = event.streams[0];
      }
    });
    pc.addEventListener('connectionstatechange', () => {
      entry.tile.dataset.state = pc.connectionState;
      if (pc.connectionState === 'connected') {
        clearTimeout(entry.restartTimer);
        status(word('connected'));
      } else if (pc.connectionState === 'disconnected' || pc.connectionState === 'failed') {
        status(word('reconnecting'));
        if (entry.offerer && !entry.restartTimer) {
          entry.restartTimer = setTimeout(() => restart(id), pc.connectionState === 'failed' ? 0 : 2000);
        }
      }
    });
    return entry;
  };

  const offer = async (id, options) => {
    const entry = peers.get(id);
    if (!entry) {
      return;
    }
    const description = await entry.pc.createOffer(options);
    await entry.pc.setLocalDescription(description);
    send({ type: 'signal', to: id, data: { sdp: entry.pc.localDescription.toJSON() } });
  };

  const call = (id, name) => {
    connection(id, name, true);
    offer(id, {});
  };

  // the network changed under a call: the caller asks for new routes (an ICE restart)
  const restart = (id) => {
    const entry = peers.get(id);
    if (!entry) {
      return;
    }
    entry.restartTimer = null;
    if (entry.pc.connectionState !== 'connected') {
      entry.pc.restartIce();
      offer(id, { iceRestart: true });
    }
  };

  const signal = async (from, data) => {
    if (data.sdp) {
      const entry = connection(from, peers.get(from)?.name, false);
      await entry.pc.setRemoteDescription(data.sdp);
      if (data.sdp.type === 'offer') {
        await entry.pc.setLocalDescription(await entry.pc.createAnswer());
        send({ type: 'signal', to: from, data: { sdp: entry.pc.localDescription.toJSON() } });
      }
    } else if (data.candidate && peers.has(from)) {
      try {
        await peers.get(from).pc.addIceCandidate(data.candidate);
      } catch (ignored) {
        // a candidate of an older round of the call
      }
    }
  };

  const drop = (id) => {
    const entry = peers.get(id);
    if (entry) {
      clearTimeout(entry.restartTimer);
      entry.pc.close();
      entry.tile.remove();
      peers.delete(id);
      if (!peers.size && admitted && !ended) {
        status(word('alone'));
      }
    }
  };

  // ---- the waiting list (the clinician's) --------------------------------------------------------

  const waits = (peer) => {
    if (role !== 'CLINICIAN' || document.querySelector(`#waiting-list [data-peer="${peer.peer}"]`)) {
      return;
    }
    const item = document.createElement('li');
    item.dataset.peer = peer.peer;
    const name = document.createElement('span');
    name.textContent = word('waits').replace('{0}', peer.name);
    const admit = document.createElement('button');
    admit.type = 'button';
    admit.className = 'button';
    admit.textContent = word('admit');
    admit.addEventListener('click', () => send({ type: 'admit', peer: peer.peer }));
    item.append(name, ' ', admit);
    $('waiting-list').append(item);
    $('nobody-waiting').hidden = true;
  };

  const unwait = (id) => {
    const item = document.querySelector(`#waiting-list [data-peer="${id}"]`);
    if (item) {
      item.remove();
    }
    if ($('nobody-waiting')) {
      $('nobody-waiting').hidden = $('waiting-list').children.length > 0;
    }
  };

  // ---- the controls -------------------------------------------------------------------------------

  const toggle = (button, pressed, on, off) => {
    button.setAttribute('aria-pressed', String(pressed));
    button.textContent = pressed ? on : off;
  };

  $('mute').addEventListener('click', (event) => {
    const muted = event.currentTarget.getAttribute('aria-pressed') !== 'true';
    (local ? local.getAudioTracks() : []).forEach((track) => { track.enabled = !muted; });
    toggle(event.currentTarget, muted, word('unmute'), word('mute'));
  });

  $('camera').addEventListener('click', (event) => {
    const off = event.currentTarget.getAttribute('aria-pressed') !== 'true';
    if (camera) {
      camera.enabled = !off;
    }
    toggle(event.currentTarget, off, word('cameraOn'), word('cameraOff'));
  });

  const videoSenders = () => [...peers.values()].map((entry) => entry.pc.getSenders()
    .find((sender) => sender.track && sender.track.kind === 'video')).filter(Boolean);

  const stopSharing = () => {
    if (!screen) {
      return;
    }
    screen.stop();
    screen = null;
    videoSenders().forEach((sender) => sender.replaceTrack(camera));
    $('self-view').srcObject = local;
    toggle($('share'), false, word('stopShare'), word('share'));
  };

  if ($('share')) {
    $('share').addEventListener('click', async () => {
      if (screen) {
        stopSharing();
        return;
      }
      try {
        const shared = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
        screen = shared.getVideoTracks()[0];
        screen.addEventListener('ended', stopSharing);
        videoSenders().forEach((sender) => sender.replaceTrack(screen));
        $('self-view').srcObject = shared;
        toggle($('share'), true, word('stopShare'), word('share'));
      } catch (refused) {
        status(word('shareFailed'));
      }
    });
  }

  const end = (text) => {
    if (ended) {
      return;
    }
    ended = true;
    [...peers.keys()].forEach(drop);
    if (local) {
      local.getTracks().forEach((track) => track.stop());
    }
    if (screen) {
      screen.stop();
    }
    if (socket) {
      socket.close();
    }
    $('device-check').hidden = true;
    $('waiting').hidden = true;
    $('call').hidden = true;
    $('ended').hidden = false;
    $('ended-message').textContent = text;
    // the clinician's note stays, with whatever was typed in it, to finish and sign after the call
    const note = document.querySelector('.room-note');
    if (note) {
      $('ended').append(note);
    }
  };

  $('hang-up').addEventListener('click', () => {
    if (role === 'CLINICIAN') {
      send({ type: 'end' }); // for everyone
      end(word('ended'));
    } else {
      end(word('left'));
    }
  });

  // ---- the text side-channel ----------------------------------------------------------------------

  const line = (name, text) => {
    const item = document.createElement('li');
    const who = document.createElement('strong');
    who.textContent = name + ': ';
    item.append(who, document.createTextNode(text));
    $('chat-lines').append(item);
  };

  $('chat-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('chat-text').value.trim();
    if (text && admitted) {
      send({ type: 'chat', text });
      line(word('you'), text);
      $('chat-text').value = '';
    }
  });

  // a call is activity: keep the page's session from ending under it
  setInterval(() => {
    const stay = document.querySelector('#idle-notice form');
    if (stay && admitted && !ended) {
      stay.requestSubmit();
    }
  }, 60000);

  $('join').addEventListener('click', () => {
    $('join').disabled = true;
    status(word('connecting'));
    connect();
  });

  startDevices();
})();
