package dev.partnerauth;
