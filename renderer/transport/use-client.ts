import { useContext } from 'react';
import type { VigilClient } from './client';
import { ClientContext } from './client-context';

export function useClient(): VigilClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientContext.Provider>');
  return client;
}
