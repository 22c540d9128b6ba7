import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a,b,c,d,e}from"./chunk-5SDCOKVS.js";import"./chunk-NOGNYEMG.js";import"./chunk-NV4FPQBI.js";import"./chunk-6G7CKFX6.js";export{a as nerfDart,e as npm,b as npmrcWithRegistry,d as privateNpmrc,c as userNpmrcPath};
