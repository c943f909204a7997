import { createContext, useContext } from "react";
import type { Me, Role } from "../api/types";

const order: Role[] = ["viewer", "operator", "approver", "admin"];

/** Who is signed in, and what the key's role allows: the UI hides what the server would refuse. */
export interface Session {
  me: Me;
  can: (role: Role) => boolean;
  signOut: () => void;
}

export function sessionFor(me: Me, signOut: () => void): Session {
  const rank = Math.max(...[me.role, ...(me.roles ?? [])].map((role) => order.indexOf(role)));
  return { me, signOut, can: (role) => rank >= order.indexOf(role) };
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in app");
  return session;
}
