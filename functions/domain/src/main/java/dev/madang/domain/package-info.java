package dev.madang.domain;
