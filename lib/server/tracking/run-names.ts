import "server-only";
import { randomInt } from "node:crypto";

// MLflow names unnamed runs "<adjective>-<noun>-<number>"; people recognise the pattern.
const ADJECTIVES = [
  "able", "agile", "amazing", "ambitious", "bold", "brave", "bright", "calm", "capable", "casual",
  "clean", "clever", "crisp", "curious", "dapper", "defiant", "eager", "earnest", "efficient", "fearless",
  "gentle", "glamorous", "gregarious", "handsome", "honest", "humble", "illustrious", "inquisitive", "intelligent",
  "judicious", "kindly", "languid", "lively", "loud", "luminous", "merciful", "mysterious", "nebulous",
  "nimble", "polite", "powerful", "redolent", "resilient", "rogue", "rumbling", "sassy", "secretive",
  "selective", "serious", "shivering", "silent", "skillful", "smiling", "spiffy", "stately", "suave",
  "thoughtful", "traveling", "trusting", "unequaled", "upbeat", "valuable", "victorious", "vaunted", "wise",
];
const NOUNS = [
  "ant", "ape", "asp", "bass", "bat", "bear", "bee", "bird", "boar", "bug", "calf", "carp", "cat", "chimp",
  "cod", "colt", "conch", "cow", "crab", "crane", "croc", "crow", "cub", "deer", "doe", "dog", "dolphin",
  "donkey", "dove", "duck", "eel", "elk", "fawn", "finch", "fish", "flea", "fly", "foal", "fowl", "fox",
  "frog", "gnat", "gnu", "goat", "goose", "grouse", "grub", "gull", "hare", "hawk", "hen", "hog", "horse",
  "hound", "jay", "kit", "kite", "koi", "lamb", "lark", "loon", "lynx", "mare", "midge", "mink", "mole",
  "moose", "moth", "mouse", "mule", "newt", "owl", "ox", "panda", "penguin", "perch", "pig", "pug", "quail",
  "ram", "rat", "ray", "robin", "roo", "rook", "seal", "shad", "shark", "sheep", "shoat", "shrew", "shrike",
  "skink", "skunk", "sloth", "slug", "smelt", "snail", "snake", "snipe", "sow", "sponge", "squid", "squirrel",
  "stag", "steed", "stoat", "stork", "swan", "tern", "toad", "trout", "turtle", "vole", "wasp", "whale",
  "wolf", "worm", "wren", "yak", "zebra",
];

export function randomRunName(): string {
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]}-${NOUNS[randomInt(NOUNS.length)]}-${randomInt(1000)}`;
}
