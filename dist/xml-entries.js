import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a,b,c,d,e}from"./chunks/chunk-MY7OMQRQ.js";import"./chunks/chunk-ZHKAF7SE.js";import"./chunks/chunk-GF6S5MCL.js";import"./chunks/chunk-6G7CKFX6.js";export{c as findEntry,a as parseXml,e as revertXml,b as serializeXml,d as setEntry};
