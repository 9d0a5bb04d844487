import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installBrowserApi } from './api/browser-transport.ts';
import { App } from './App.tsx';
import { askNotificationPermission, watchNotificationPermission } from './browser-notifications.ts';
import './styles.css';

installBrowserApi();
watchNotificationPermission();
// Asked on the first click anywhere, as browsers require a user gesture.
window.addEventListener('pointerdown', askNotificationPermission, { once: true });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
