import{createRequire as __createRequire}from'node:module';const require=__createRequire(import.meta.url);
import{a,b,c,d,e,f,g,h,i}from"./chunks/chunk-Q2FFQS3T.js";import"./chunks/chunk-ZHKAF7SE.js";import"./chunks/chunk-6G7CKFX6.js";export{d as appendIndented,i as canonical,c as elements,g as keyed,a as parseXml,e as removeIndented,h as revertXml,f as section,b as serializeXml};
