import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a,b,c,d,e}from"./chunk-GXIC5UDP.js";import"./chunk-LEQBMACF.js";import"./chunk-IDPU4ATR.js";import"./chunk-6G7CKFX6.js";export{a as nerfDart,e as npm,b as npmrcWithRegistry,d as privateNpmrc,c as userNpmrcPath};
