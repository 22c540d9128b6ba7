import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a,b,c,d,e}from"./chunks/chunk-KKID3QHD.js";import"./chunks/chunk-ZHKAF7SE.js";import"./chunks/chunk-EE2RUHKE.js";import"./chunks/chunk-6G7CKFX6.js";export{c as findEntry,a as parseXml,e as revertXml,b as serializeXml,d as setEntry};
