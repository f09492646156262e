import ReactMarkdown from "react-markdown";
import remarkGfm from "remark-gfm";

/** Markdown for descriptions: GitHub-flavoured, raw HTML never rendered, unsafe URLs dropped. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={[remarkGfm]} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}
