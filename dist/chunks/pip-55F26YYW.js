import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a,b}from"./chunk-SWJ4E3HU.js";import"./chunk-Q3VVTUYN.js";import"./chunk-6G7CKFX6.js";export{b as pip,a as simpleIndexUrl};
