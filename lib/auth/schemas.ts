import { z } from "zod";
import { PERMISSIONS, ROLES } from "./permissions";

/** Schemas for the sign-in, account, token and grant forms; the server actions and REST routes validate with the same ones. */
export const usernameSchema = z
  .string()
  .trim()
  .min(1, "Enter a username")
  .max(64, "Usernames are at most 64 characters")
  .regex(/^[A-Za-z0-9._@-]+$/, "Usernames use letters, digits and . _ @ - only");

export const passwordSchema = z.string().min(8, "Passwords are at least 8 characters").max(1024, "Passwords are at most 1024 characters");

export const signInSchema = z.object({
  username: z.string().trim().min(1, "Enter your username").max(64, "Usernames are at most 64 characters"),
  password: z.string().min(1, "Enter your password").max(1024, "Passwords are at most 1024 characters"),
});

export const createUserSchema = z.object({ username: usernameSchema, password: passwordSchema, role: z.enum(ROLES) });
export const roleSchema = z.object({ role: z.enum(ROLES) });
export const changePasswordSchema = z.object({ password: passwordSchema });

export const tokenSchema = z.object({
  name: z.string().trim().min(1, "Name the token (what will use it?)").max(100, "Names are at most 100 characters"),
  expiresInDays: z.coerce.number().int().min(0).max(3650).default(90),
});

export const grantSchema = z.object({
  username: usernameSchema,
  permission: z.enum(PERMISSIONS),
});
