import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a,b,c}from"./chunks/chunk-ZSLVKCYR.js";import"./chunks/chunk-6G7CKFX6.js";export{a as netrcEntry,b as netrcWithMachine,c as revertNetrc};
