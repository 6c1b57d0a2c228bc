import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, onSignedOut } from '../api/client';
import type { SessionInfo } from './types';

interface SessionState {
  /** null: nobody is signed in (or the sign-in has not started). */
  session: SessionInfo | null;
  loading: boolean;
  /** A failure other than "signed out" while loading the session (server down). */
  error: ApiError | null;
  refresh: () => Promise<SessionInfo | null>;
  signOut: () => Promise<void>;
  /** Whether the signed-in user holds any of `permissions` (no list: anyone signed in); `atRoot`: at a tree root. */
  can: (permissions?: string[], atRoot?: boolean) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    try {
      const s = await api.get<SessionInfo>('/api/auth/session');
      setSession(s);
      setError(null);
      return s;
    } catch (err) {
      setSession(null);
      setError(err instanceof ApiError && err.status === 401 ? null : (err as ApiError));
      return null;
    } finally {
      setLoading(false);
    }
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } catch {
      // The session may already be gone; either way the user is signed out here.
    }
    setSession(null);
  }, []);

  useEffect(() => {
    void refresh();
    return onSignedOut(() => setSession(null));
  }, [refresh]);

  const can = useCallback(
    (permissions?: string[], atRoot = false) => {
      if (!session || session.stage !== 'full') return false;
      const held = atRoot ? session.permissionsAtRoot : session.permissions;
      return !permissions || permissions.some((p) => held.includes(p));
    },
    [session],
  );

  return <SessionContext.Provider value={{ session, loading, error, refresh, signOut, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
