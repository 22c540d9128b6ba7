import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a,b,c,d,e}from"./chunk-OECD5XW6.js";import"./chunk-LEQBMACF.js";import"./chunk-NV4FPQBI.js";import"./chunk-6G7CKFX6.js";export{a as nerfDart,e as npm,b as npmrcWithRegistry,d as privateNpmrc,c as userNpmrcPath};
