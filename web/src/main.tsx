import { unstableSetRender } from 'antd';
import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { App } from './App.tsx';
import './i18n/index.ts';
import './styles.css';

// antd 5 renders its static pieces (wave effect, message holders) through React 18's legacy render;
// React 19 removed it, so give antd a createRoot-based renderer.
unstableSetRender((node, container) => {
  const host = container as Element & { _panoramaRoot?: Root };
  host._panoramaRoot ??= createRoot(container);
  const root = host._panoramaRoot;
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    delete host._panoramaRoot;
  };
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
