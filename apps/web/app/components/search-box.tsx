import { useFetcher, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useT } from "../lib/i18n.ts";

type TSuggestion = { id: string; type: string; title: string; url: string };

/** True when "/" should not be taken as the search shortcut (the user is typing somewhere). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The header search: a WAI-ARIA combobox (input + listbox of suggestions).
 * "/" focuses it; arrow keys move through suggestions, Enter opens the active
 * one (or searches), Escape closes the list. Without JavaScript it is a plain
 * GET form to /search.
 */
export function SearchBox() {
  const t = useT();
  const navigate = useNavigate();
  const fetcher = useFetcher<TSuggestion[]>();
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const suggestions = q.trim().length >= 2 && Array.isArray(fetcher.data) ? fetcher.data : [];
  const expanded = open && suggestions.length > 0;

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTyping(event.target)) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  const { load } = fetcher;
  useEffect(() => {
    const value = q.trim();
    if (value.length < 2) return;
    const timer = setTimeout(() => load(`/search/suggest?q=${encodeURIComponent(value)}`), 150);
    return () => clearTimeout(timer);
  }, [q, load]);

  const choose = (s: TSuggestion) => {
    setOpen(false);
    setActive(-1);
    if (/^[a-z]+:/i.test(s.url)) window.location.href = s.url;
    else navigate(s.url);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (suggestions.length === 0 ? -1 : (i + 1) % suggestions.length));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (suggestions.length === 0 ? -1 : i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      } else setQ("");
    } else if (event.key === "Enter" && expanded && active >= 0 && suggestions[active]) {
      event.preventDefault();
      choose(suggestions[active]);
    }
  };

  return (
    <div className="header-search">
      <form method="get" action="/search" role="search" aria-label={t("search.title")}>
        <label htmlFor={`${id}-q`} className="visually-hidden">
          {t("search.label")}
        </label>
        <div className="combobox">
          <input
            ref={input}
            id={`${id}-q`}
            type="search"
            name="q"
            value={q}
            placeholder={t("search.placeholder")}
            autoComplete="off"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
            aria-keyshortcuts="/"
            onChange={(e) => {
              setQ(e.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
          />
          <ul id={listId} role="listbox" aria-label={t("search.suggestions")} hidden={!expanded}>
            {suggestions.map((s, i) => (
              <li
                key={s.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? "active" : undefined}
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(s);
                }}
              >
                <span className="suggestion-title">{s.title}</span>{" "}
                <span className="suggestion-type">{t(typeKey(s.type))}</span>
              </li>
            ))}
          </ul>
        </div>
        <button type="submit" className="button">
          {t("search.submit")}
        </button>
      </form>
    </div>
  );
}

export function typeKey(type: string) {
  const known = ["article", "project", "task", "person", "unit", "news", "story", "minutes"] as const;
  const match = known.find((k) => k === type);
  return match ? (`search.type.${match}` as const) : ("search.type.article" as const);
}
