/* The account pages, lazily loaded; app.tsx spreads them into the router. */
import { type Component, lazy } from "solid-js";

export interface LazyRoute {
  path: string;
  component: Component;
}

export const authRoutes: LazyRoute[] = [
  { path: "/login", component: lazy(() => import("./login.tsx").then((m) => ({ default: m.LoginPage }))) },
  {
    path: "/register",
    component: lazy(() => import("./register.tsx").then((m) => ({ default: m.RegisterPage }))),
  },
  {
    path: "/forgot-password",
    component: lazy(() => import("./forgot-password.tsx").then((m) => ({ default: m.ForgotPasswordPage }))),
  },
  {
    path: "/reset-password",
    component: lazy(() => import("./reset-password.tsx").then((m) => ({ default: m.ResetPasswordPage }))),
  },
];
