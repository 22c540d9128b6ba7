/** SHA-256 in JavaScript for the post step (see `sha256Js` in workspace.ts); imported by name so the bundle keeps only SHA-256. */
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex } from '@noble/hashes/utils.js'

export const sha256Hex = (bytes: Uint8Array): string => bytesToHex(sha256(bytes))
