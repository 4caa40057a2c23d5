import 'graphiql/style.css';
import './playground.css';
import { createRoot } from 'react-dom/client';
import { PlaygroundApp } from './playground.app';

createRoot(document.getElementById('playground') as HTMLElement).render(<PlaygroundApp />);
