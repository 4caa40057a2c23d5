import 'graphiql/style.css';
import './playground.css';
import { setNonce } from 'get-nonce';
import { createRoot } from 'react-dom/client';
import { PlaygroundApp } from './playground.app';

// The one inline <style> the page's policy admits (GraphiQL's dialogs insert it): see gateway/src/playground/routes.ts.
const styleNonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
if (styleNonce) setNonce(styleNonce);

createRoot(document.getElementById('playground') as HTMLElement).render(<PlaygroundApp />);
