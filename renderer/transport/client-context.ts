import { createContext } from 'react';
import type { VigilClient } from './client';

/** The page's one client, provided at the root (main.tsx). */
export const ClientContext = createContext<VigilClient | null>(null);
